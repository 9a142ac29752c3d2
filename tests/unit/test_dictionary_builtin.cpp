// The built-in dictionary is read from a table (dictionary_build.cpp); this checks it against
// the list as it was written before, one add() call per entry: the same entries in the same
// order, every field the same, the guard words too.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "dictionary.h"
#include "text.h"

namespace {

struct OldEntry {
  std::string wrong;
  std::string right;
  std::string note;
  std::vector<std::string> except;
};

std::vector<OldEntry> old_builtin() {
  constexpr const char* kVariant = "第一批异形词整理表推荐词形";
  constexpr const char* kFixed = "固定用语";
  std::vector<OldEntry> v;
  auto add = [&v](const char* wrong, const char* right, const char* note, std::vector<std::string> except = {}) {
    v.push_back({wrong, right, note, std::move(except)});
  };
  // 第一批异形词整理表: the non-recommended form → the recommended form.
  add("百废具兴", "百废俱兴", kVariant);
  add("辈份", "辈分", kVariant);
  add("本份", "本分", kVariant);
  add("笔划", "笔画", kVariant, {"划分", "划定"});
  add("必恭必敬", "毕恭毕敬", kVariant);
  add("编者案", "编者按", kVariant);
  add("禀承", "秉承", kVariant);
  add("参预", "参与", kVariant);
  add("惨澹", "惨淡", kVariant);
  add("搀杂", "掺杂", kVariant);
  add("搀和", "掺和", kVariant);
  add("搀假", "掺假", kVariant);
  add("车箱", "车厢", kVariant);
  add("澈底", "彻底", kVariant);
  add("成份", "成分", kVariant, {"份额", "股份", "份子"});
  add("筹画", "筹划", kVariant);
  add("出谋画策", "出谋划策", kVariant);
  add("赐与", "赐予", kVariant);
  add("答覆", "答复", kVariant);
  add("耽心", "担心", kVariant);
  add("耽忧", "担忧", kVariant);
  add("担搁", "耽搁", kVariant);
  add("倒楣", "倒霉", kVariant);
  add("雕敝", "凋敝", kVariant);
  add("雕零", "凋零", kVariant);
  add("跌交", "跌跤", kVariant, {"交易", "交通", "交流"});
  add("独脚戏", "独角戏", kVariant);
  add("发人深醒", "发人深省", kVariant);
  add("份量", "分量", kVariant, {"量化", "量表"});
  add("丰富多采", "丰富多彩", kVariant);
  add("负嵎顽抗", "负隅顽抗", kVariant);
  add("覆信", "复信", kVariant);
  add("干与", "干预", kVariant, {"干与不干"});
  add("告戒", "告诫", kVariant);
  add("梗直", "耿直", kVariant);
  add("恭惟", "恭维", kVariant);
  add("勾划", "勾画", kVariant, {"划分", "划定"});
  add("勾联", "勾连", kVariant);
  add("孤苦零丁", "孤苦伶仃", kVariant);
  add("光采", "光彩", kVariant, {"采集", "采样", "采光", "采购", "采用", "采取"});
  add("归根结柢", "归根结底", kVariant);
  add("规戒", "规诫", kVariant);
  add("过份", "过分", kVariant, {"份额"});
  add("含胡", "含糊", kVariant);
  add("喝采", "喝彩", kVariant, {"采集", "采样"});
  add("哄动", "轰动", kVariant);
  add("宏扬", "弘扬", kVariant);
  add("红通通", "红彤彤", kVariant);
  add("胡涂", "糊涂", kVariant);
  add("恍忽", "恍惚", kVariant);
  add("火伴", "伙伴", kVariant, {"伴随"});
  add("机伶", "机灵", kVariant);
  add("激忿", "激愤", kVariant);
  add("计画", "计划", kVariant);
  add("记念", "纪念", kVariant);
  add("佳宾", "嘉宾", kVariant);
  add("驾御", "驾驭", kVariant);
  add("架式", "架势", kVariant);
  add("简炼", "简练", kVariant);
  add("狡滑", "狡猾", kVariant);
  add("精采", "精彩", kVariant, {"采集", "采样", "采购", "采用", "采取"});
  add("刻划", "刻画", kVariant, {"划分", "划定", "划转"});
  add("狼籍", "狼藉", kVariant);
  add("联贯", "连贯", kVariant);
  add("联接", "连接", kVariant);
  add("联绵", "连绵", kVariant);
  add("连袂", "联袂", kVariant);
  add("留连", "流连", kVariant);
  add("卤莽", "鲁莽", kVariant);
  add("录象", "录像", kVariant);
  add("马糊", "马虎", kVariant);
  add("门坎", "门槛", kVariant);
  add("糜费", "靡费", kVariant);
  add("摹仿", "模仿", kVariant);
  add("模胡", "模糊", kVariant);
  add("摹拟", "模拟", kVariant);
  add("磨擦", "摩擦", kVariant);
  add("内哄", "内讧", kVariant);
  add("凝炼", "凝练", kVariant);
  add("钮扣", "纽扣", kVariant);
  add("盘据", "盘踞", kVariant);
  add("飘泊", "漂泊", kVariant);
  add("飘流", "漂流", kVariant);
  add("平空", "凭空", kVariant);
  add("牵联", "牵连", kVariant);
  add("清彻", "清澈", kVariant, {"彻底", "彻查"});
  add("劝戒", "劝诫", kVariant);
  add("人材", "人才", kVariant, {"人材料"});
  add("日蚀", "日食", kVariant);
  add("入坐", "入座", kVariant);
  add("色采", "色彩", kVariant, {"采集", "采样", "采用"});
  add("神彩", "神采", kVariant);
  add("收伏", "收服", kVariant);
  add("思惟", "思维", kVariant);
  add("死心踏地", "死心塌地", kVariant);
  add("塌实", "踏实", kVariant);
  add("透澈", "透彻", kVariant);
  add("图象", "图像", kVariant);
  add("推委", "推诿", kVariant, {"委托", "委员"});
  add("无庸", "毋庸", kVariant);
  add("希罕", "稀罕", kVariant);
  add("希奇", "稀奇", kVariant);
  add("希少", "稀少", kVariant);
  add("希有", "稀有", kVariant);
  add("洗炼", "洗练", kVariant);
  add("贤慧", "贤惠", kVariant);
  add("像貌", "相貌", kVariant);
  add("萧洒", "潇洒", kVariant);
  add("小题大作", "小题大做", kVariant);
  add("信口开合", "信口开河", kVariant);
  add("叙言", "序言", kVariant);
  add("训戒", "训诫", kVariant);
  add("压韵", "押韵", kVariant);
  add("夜消", "夜宵", kVariant);
  add("衣著", "衣着", kVariant);
  add("义无返顾", "义无反顾", kVariant);
  add("赢余", "盈余", kVariant);
  add("影象", "影像", kVariant);
  add("余辉", "余晖", kVariant);
  add("鱼网", "渔网", kVariant);
  add("豫备", "预备", kVariant);
  add("原故", "缘故", kVariant);
  add("月蚀", "月食", kVariant);
  add("再接再砺", "再接再厉", kVariant);
  add("斩新", "崭新", kVariant);
  add("帐本", "账本", kVariant);
  add("折衷", "折中", kVariant);
  add("直捷了当", "直截了当", kVariant);
  add("直接了当", "直截了当", kVariant);
  add("指手划脚", "指手画脚", kVariant);
  add("装璜", "装潢", kVariant);
  add("姿式", "姿势", kVariant);
  add("子细", "仔细", kVariant, {"子细胞"});
  add("左证", "佐证", kVariant);
  // Common wrong fixed expressions.
  add("再接再励", "再接再厉", kFixed);
  add("按步就班", "按部就班", kFixed);
  add("迫不急待", "迫不及待", kFixed);
  add("一股作气", "一鼓作气", kFixed);
  add("以身作责", "以身作则", kFixed);
  add("默守成规", "墨守成规", kFixed);
  add("走头无路", "走投无路", kFixed);
  add("出奇不意", "出其不意", kFixed);
  add("迫在眉捷", "迫在眉睫", kFixed);
  add("世外桃园", "世外桃源", kFixed);
  add("美仑美奂", "美轮美奂", kFixed);
  add("重蹈复辙", "重蹈覆辙", kFixed);
  add("一愁莫展", "一筹莫展", kFixed);
  add("变本加利", "变本加厉", kFixed);
  add("穿流不息", "川流不息", kFixed);
  add("既使", "即使", kFixed, {"使用", "使得"});
  add("按装", "安装", kFixed);
  add("不径而走", "不胫而走", kFixed);
  add("谈笑风声", "谈笑风生", kFixed);
  add("甘败下风", "甘拜下风", kFixed);
  add("滥芋充数", "滥竽充数", kFixed);
  add("有持无恐", "有恃无恐", kFixed);
  add("共商国事", "共商国是", kFixed);
  add("蛛丝蚂迹", "蛛丝马迹", kFixed);
  add("名符其实", "名副其实", kFixed);
  add("兴高彩烈", "兴高采烈", kFixed);
  add("振耳欲聋", "震耳欲聋", kFixed);
  add("一如继往", "一如既往", kFixed);
  add("不落巢臼", "不落窠臼", kFixed);
  add("黄梁美梦", "黄粱美梦", kFixed);
  add("貌和神离", "貌合神离", kFixed);
  add("防犯", "防范", kFixed, {"犯罪"});
  add("规距", "规矩", kFixed);
  add("部暑", "部署", kFixed);
  add("布署", "部署", kFixed);
  add("贯切", "贯彻", kFixed);
  add("坚苦奋斗", "艰苦奋斗", kFixed);
  add("淡薄名利", "淡泊名利", kFixed);
  return v;
}

}  // namespace

TEST_CASE("builtin_dictionary: the table gives the old list, entry by entry") {
  const std::vector<paiban::DictWord>& now = paiban::builtin_dictionary();
  const std::vector<OldEntry> old = old_builtin();
  REQUIRE(now.size() == old.size());
  CHECK(now.size() == 172);
  std::size_t guarded = 0;
  for (std::size_t i = 0; i < old.size(); ++i) {
    const paiban::DictWord& w = now[i];
    const OldEntry& o = old[i];
    INFO("entry ", i, ": ", o.wrong);
    CHECK(w.wrong == o.wrong);
    CHECK(w.right == o.right);
    CHECK(w.note == o.note);
    CHECK(w.except == o.except);
    CHECK(w.wrong32 == paiban::text::to_u32(o.wrong));
    CHECK(w.right32 == paiban::text::to_u32(o.right));
    REQUIRE(w.except32.size() == o.except.size());
    for (std::size_t k = 0; k < o.except.size(); ++k) CHECK(w.except32[k] == paiban::text::to_u32(o.except[k]));
    if (!o.except.empty()) ++guarded;
  }
  CHECK(guarded == 19);
}
