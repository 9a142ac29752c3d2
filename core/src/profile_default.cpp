// The default site profile: the site of the seed article (商洛市生态环境局). docs/profile.md
// describes every field. Labels and footer texts are exactly as the site shows them (ASCII
// colons, 丨 U+4E28 between footer items). The dictionary holds only the site's own entries:
// the variant-forms list is built in (dictionary.cpp).
#include <string>

#include "paiban/paiban.h"

namespace paiban {

namespace {

const char* const kDefaultProfile = R"json({
  "site": {
    "name": "商洛市生态环境局",
    "domain": "sthjj.shangluo.gov.cn",
    "id_code": "6110000016",
    "home_url": "http://sthjj.shangluo.gov.cn/"
  },
  "breadcrumb": {"home_label": "首页", "separator": " > ", "label": "当前位置"},
  "columns": ["党的建设", "工作动态", "通知公告", "政策法规", "环境质量", "环评管理", "执法监督", "政务公开"],
  "info": {"date_label": "发布日期:", "views_label": "浏览量:", "date_format": "YYYY-MM-DD HH:mm:ss"},
  "footer": {
    "separator": " 丨 ",
    "lines": [
      [{"text": "版权所有 商洛市生态环境局。未经授权禁止复制或镜像。", "kind": "sponsor"}],
      [
        "网站地图",
        "地址:商洛市名人街西段",
        "邮编:726000",
        {"text": "网站标识码:6110000016", "kind": "site_id"},
        {"text": "联系电话:0914-2312283", "kind": "contact"}
      ],
      [
        {"text": "陕公网安备 61100202000085号", "kind": "police",
         "href": "http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=61100202000085"},
        {"text": "ICP备案号:陕ICP备2021013679号-1", "kind": "icp", "href": "https://beian.miit.gov.cn/"}
      ]
    ]
  },
  "styles": {
    "page": "margin:0;background:#f2f3f5;color:#222;font-family:\"Microsoft YaHei\",\"PingFang SC\",\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"WenQuanYi Micro Hei\",sans-serif",
    "header": "background:#fff;border-top:4px solid #b71c1c;border-bottom:1px solid #dcdfe4",
    "breadcrumb": "max-width:1000px;margin:0 auto;padding:12px 20px;box-sizing:border-box;font-size:14px;color:#555",
    "article": "max-width:1000px;margin:20px auto;padding:32px 48px 40px;box-sizing:border-box;background:#fff",
    "title": "margin:0 0 16px;font-size:22px;font-weight:bold;line-height:1.6;text-align:center;color:#1f1f1f",
    "info": "margin:0 0 28px;padding-bottom:12px;border-bottom:1px solid #dcdfe4;font-size:14px;color:#555;text-align:center",
    "views": "margin-left:3em",
    "body": "font-size:16px;line-height:2;color:#222",
    "p": "margin:0 0 12px;text-indent:2em;text-align:justify",
    "h2": "margin:20px 0 10px;text-indent:2em;font-size:16px;font-weight:bold",
    "h3": "margin:16px 0 8px;text-indent:2em;font-size:16px;font-weight:bold",
    "h4": "margin:12px 0 6px;text-indent:2em;font-size:16px;font-weight:normal",
    "h5": "margin:12px 0 6px;text-indent:2em;font-size:16px;font-weight:normal",
    "h6": "margin:12px 0 6px;text-indent:2em;font-size:16px;font-weight:normal",
    "ul": "margin:0 0 12px;padding-left:4em",
    "li": "margin:0",
    "blockquote": "margin:0 0 12px 2em;padding:0 0 0 1em;border-left:3px solid #c8ccd2;color:#333",
    "signature": "margin:28px 0 12px;text-align:right",
    "signature_line": "margin:0;text-indent:0;text-align:right",
    "code": "font-family:monospace;background:#f2f3f5;padding:0 2px",
    "a": "color:#0b4f9c",
    "footer": "padding:20px;background:#e9ecf0;border-top:3px solid #1a4f8b;font-size:13px;line-height:1.9;color:#4a4a4a;text-align:center",
    "footer_line": "margin:0"
  },
  "typography": {"half_width_publish": false, "rules": {}},
  "dictionary": [
    {"wrong": "商洛市环保局", "right": "商洛市生态环境局", "note": "机构改革后的规范名称"},
    {"wrong": "商洛市环境保护局", "right": "商洛市生态环境局", "note": "机构改革后的规范名称"},
    {"wrong": "截止目前", "right": "截至目前", "note": "“截至”后接时间点，“截止”指到期停止"},
    {"wrong": "截止到目前", "right": "截至目前", "note": "“截至”后接时间点，“截止”指到期停止"},
    {"wrong": "做为", "right": "作为", "note": "常见误用"},
    {"wrong": "部份", "right": "部分", "note": "常见误用"}
  ]
})json";

}  // namespace

std::string default_profile_json() {
  return kDefaultProfile;
}

}  // namespace paiban
