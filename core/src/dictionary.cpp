#include "dictionary.h"

#include "text.h"

namespace paiban {

namespace {

DictWord word(const char* wrong, const char* right, const char* note, std::vector<std::string> except = {}) {
  DictWord w{wrong, right, note, std::move(except), {}, {}, {}};
  w.wrong32 = text::to_u32(w.wrong);
  w.right32 = text::to_u32(w.right);
  for (const std::string& e : w.except) w.except32.push_back(text::to_u32(e));
  return w;
}

constexpr const char* kVariant = "第一批异形词整理表推荐词形";
constexpr const char* kFixed = "固定用语";

}  // namespace

const std::vector<DictWord>& builtin_dictionary() {
  static const std::vector<DictWord> words = {
      // 第一批异形词整理表: the non-recommended form → the recommended form.
      word("百废具兴", "百废俱兴", kVariant),
      word("辈份", "辈分", kVariant),
      word("本份", "本分", kVariant),
      word("笔划", "笔画", kVariant, {"划分", "划定"}),
      word("必恭必敬", "毕恭毕敬", kVariant),
      word("编者案", "编者按", kVariant),
      word("禀承", "秉承", kVariant),
      word("参预", "参与", kVariant),
      word("惨澹", "惨淡", kVariant),
      word("搀杂", "掺杂", kVariant),
      word("搀和", "掺和", kVariant),
      word("搀假", "掺假", kVariant),
      word("车箱", "车厢", kVariant),
      word("澈底", "彻底", kVariant),
      word("成份", "成分", kVariant, {"份额", "股份", "份子"}),
      word("筹画", "筹划", kVariant),
      word("出谋画策", "出谋划策", kVariant),
      word("赐与", "赐予", kVariant),
      word("答覆", "答复", kVariant),
      word("耽心", "担心", kVariant),
      word("耽忧", "担忧", kVariant),
      word("担搁", "耽搁", kVariant),
      word("倒楣", "倒霉", kVariant),
      word("雕敝", "凋敝", kVariant),
      word("雕零", "凋零", kVariant),
      word("跌交", "跌跤", kVariant, {"交易", "交通", "交流"}),
      word("独脚戏", "独角戏", kVariant),
      word("发人深醒", "发人深省", kVariant),
      word("份量", "分量", kVariant, {"量化", "量表"}),
      word("丰富多采", "丰富多彩", kVariant),
      word("负嵎顽抗", "负隅顽抗", kVariant),
      word("覆信", "复信", kVariant),
      word("干与", "干预", kVariant, {"干与不干"}),
      word("告戒", "告诫", kVariant),
      word("梗直", "耿直", kVariant),
      word("恭惟", "恭维", kVariant),
      word("勾划", "勾画", kVariant, {"划分", "划定"}),
      word("勾联", "勾连", kVariant),
      word("孤苦零丁", "孤苦伶仃", kVariant),
      word("光采", "光彩", kVariant, {"采集", "采样", "采光", "采购", "采用", "采取"}),
      word("归根结柢", "归根结底", kVariant),
      word("规戒", "规诫", kVariant),
      word("过份", "过分", kVariant, {"份额"}),
      word("含胡", "含糊", kVariant),
      word("喝采", "喝彩", kVariant, {"采集", "采样"}),
      word("哄动", "轰动", kVariant),
      word("宏扬", "弘扬", kVariant),
      word("红通通", "红彤彤", kVariant),
      word("胡涂", "糊涂", kVariant),
      word("恍忽", "恍惚", kVariant),
      word("火伴", "伙伴", kVariant, {"伴随"}),
      word("机伶", "机灵", kVariant),
      word("激忿", "激愤", kVariant),
      word("计画", "计划", kVariant),
      word("记念", "纪念", kVariant),
      word("佳宾", "嘉宾", kVariant),
      word("驾御", "驾驭", kVariant),
      word("架式", "架势", kVariant),
      word("简炼", "简练", kVariant),
      word("狡滑", "狡猾", kVariant),
      word("精采", "精彩", kVariant, {"采集", "采样", "采购", "采用", "采取"}),
      word("刻划", "刻画", kVariant, {"划分", "划定", "划转"}),
      word("狼籍", "狼藉", kVariant),
      word("联贯", "连贯", kVariant),
      word("联接", "连接", kVariant),
      word("联绵", "连绵", kVariant),
      word("连袂", "联袂", kVariant),
      word("留连", "流连", kVariant),
      word("卤莽", "鲁莽", kVariant),
      word("录象", "录像", kVariant),
      word("马糊", "马虎", kVariant),
      word("门坎", "门槛", kVariant),
      word("糜费", "靡费", kVariant),
      word("摹仿", "模仿", kVariant),
      word("模胡", "模糊", kVariant),
      word("摹拟", "模拟", kVariant),
      word("磨擦", "摩擦", kVariant),
      word("内哄", "内讧", kVariant),
      word("凝炼", "凝练", kVariant),
      word("钮扣", "纽扣", kVariant),
      word("盘据", "盘踞", kVariant),
      word("飘泊", "漂泊", kVariant),
      word("飘流", "漂流", kVariant),
      word("平空", "凭空", kVariant),
      word("牵联", "牵连", kVariant),
      word("清彻", "清澈", kVariant, {"彻底", "彻查"}),
      word("劝戒", "劝诫", kVariant),
      word("人材", "人才", kVariant, {"人材料"}),
      word("日蚀", "日食", kVariant),
      word("入坐", "入座", kVariant),
      word("色采", "色彩", kVariant, {"采集", "采样", "采用"}),
      word("神彩", "神采", kVariant),
      word("收伏", "收服", kVariant),
      word("思惟", "思维", kVariant),
      word("死心踏地", "死心塌地", kVariant),
      word("塌实", "踏实", kVariant),
      word("透澈", "透彻", kVariant),
      word("图象", "图像", kVariant),
      word("推委", "推诿", kVariant, {"委托", "委员"}),
      word("无庸", "毋庸", kVariant),
      word("希罕", "稀罕", kVariant),
      word("希奇", "稀奇", kVariant),
      word("希少", "稀少", kVariant),
      word("希有", "稀有", kVariant),
      word("洗炼", "洗练", kVariant),
      word("贤慧", "贤惠", kVariant),
      word("像貌", "相貌", kVariant),
      word("萧洒", "潇洒", kVariant),
      word("小题大作", "小题大做", kVariant),
      word("信口开合", "信口开河", kVariant),
      word("叙言", "序言", kVariant),
      word("训戒", "训诫", kVariant),
      word("压韵", "押韵", kVariant),
      word("夜消", "夜宵", kVariant),
      word("衣著", "衣着", kVariant),
      word("义无返顾", "义无反顾", kVariant),
      word("赢余", "盈余", kVariant),
      word("影象", "影像", kVariant),
      word("余辉", "余晖", kVariant),
      word("鱼网", "渔网", kVariant),
      word("豫备", "预备", kVariant),
      word("原故", "缘故", kVariant),
      word("月蚀", "月食", kVariant),
      word("再接再砺", "再接再厉", kVariant),
      word("斩新", "崭新", kVariant),
      word("帐本", "账本", kVariant),
      word("折衷", "折中", kVariant),
      word("直捷了当", "直截了当", kVariant),
      word("直接了当", "直截了当", kVariant),
      word("指手划脚", "指手画脚", kVariant),
      word("装璜", "装潢", kVariant),
      word("姿式", "姿势", kVariant),
      word("子细", "仔细", kVariant, {"子细胞"}),
      word("左证", "佐证", kVariant),
      // Common wrong fixed expressions.
      word("再接再励", "再接再厉", kFixed),
      word("按步就班", "按部就班", kFixed),
      word("迫不急待", "迫不及待", kFixed),
      word("一股作气", "一鼓作气", kFixed),
      word("以身作责", "以身作则", kFixed),
      word("默守成规", "墨守成规", kFixed),
      word("走头无路", "走投无路", kFixed),
      word("出奇不意", "出其不意", kFixed),
      word("迫在眉捷", "迫在眉睫", kFixed),
      word("世外桃园", "世外桃源", kFixed),
      word("美仑美奂", "美轮美奂", kFixed),
      word("重蹈复辙", "重蹈覆辙", kFixed),
      word("一愁莫展", "一筹莫展", kFixed),
      word("变本加利", "变本加厉", kFixed),
      word("穿流不息", "川流不息", kFixed),
      word("既使", "即使", kFixed, {"使用", "使得"}),
      word("按装", "安装", kFixed),
      word("不径而走", "不胫而走", kFixed),
      word("谈笑风声", "谈笑风生", kFixed),
      word("甘败下风", "甘拜下风", kFixed),
      word("滥芋充数", "滥竽充数", kFixed),
      word("有持无恐", "有恃无恐", kFixed),
      word("共商国事", "共商国是", kFixed),
      word("蛛丝蚂迹", "蛛丝马迹", kFixed),
      word("名符其实", "名副其实", kFixed),
      word("兴高彩烈", "兴高采烈", kFixed),
      word("振耳欲聋", "震耳欲聋", kFixed),
      word("一如继往", "一如既往", kFixed),
      word("不落巢臼", "不落窠臼", kFixed),
      word("黄梁美梦", "黄粱美梦", kFixed),
      word("貌和神离", "貌合神离", kFixed),
      word("防犯", "防范", kFixed, {"犯罪"}),
      word("规距", "规矩", kFixed),
      word("部暑", "部署", kFixed),
      word("布署", "部署", kFixed),
      word("贯切", "贯彻", kFixed),
      word("坚苦奋斗", "艰苦奋斗", kFixed),
      word("淡薄名利", "淡泊名利", kFixed),
  };
  return words;
}

namespace {

/// The pair filter's slot for two neighbouring characters.
std::uint32_t pair_slot(char32_t a, char32_t b) {
  return (((static_cast<std::uint32_t>(a) * 0x9E3779B1u) ^ (static_cast<std::uint32_t>(b) * 0x85EBCA77u)) >> 16) &
         0xFFFFu;
}

}  // namespace

DictMatcher DictMatcher::build(const Profile& profile) {
  DictMatcher m;
  std::map<std::string, std::size_t> index;
  auto add = [&](DictWord w) {
    if (w.wrong32.empty() || w.wrong == w.right) return;
    auto it = index.find(w.wrong);
    if (it != index.end()) {
      m.words_[it->second] = std::move(w);
      return;
    }
    index[w.wrong] = m.words_.size();
    m.words_.push_back(std::move(w));
  };
  for (const DictWord& w : builtin_dictionary()) add(w);
  for (const DictEntry& e : profile.dictionary) add(word(e.wrong.c_str(), e.right.c_str(), e.note.c_str()));
  for (std::size_t k = 0; k < m.words_.size(); ++k) {
    const char32_t c = m.words_[k].wrong32[0];
    m.by_first_[c].push_back(k);
    if (c < 0x10000) m.first_bmp_[c >> 6] |= std::uint64_t{1} << (c & 63);
    const std::u32string& w = m.words_[k].wrong32;
    if (w.size() < 2) {
      m.any_single_ = true;
    } else {
      const std::uint32_t slot = pair_slot(w[0], w[1]);
      m.pairs_[slot >> 6] |= std::uint64_t{1} << (slot & 63);
    }
  }
  return m;
}

std::vector<DictMatcher::Hit> DictMatcher::find(const std::u32string& s) const {
  std::vector<Hit> hits;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char32_t c = s[i];
    if (c < 0x10000 && ((first_bmp_[c >> 6] >> (c & 63)) & 1) == 0) continue;
    if (!any_single_) {
      if (i + 1 >= s.size()) break;  // every entry has two characters or more
      const std::uint32_t slot = pair_slot(c, s[i + 1]);
      if (((pairs_[slot >> 6] >> (slot & 63)) & 1) == 0) continue;
    }
    auto it = by_first_.find(c);
    if (it == by_first_.end()) continue;
    const DictWord* best = nullptr;
    for (std::size_t k : it->second) {
      const DictWord& w = words_[k];
      if (s.compare(i, w.wrong32.size(), w.wrong32) != 0) continue;
      // The guard: no hit where the characters belong to a listed longer word.
      bool excepted = false;
      // (only the places where such a word would overlap the hit are compared, not the rest of s)
      for (const std::u32string& e : w.except32) {
        const std::size_t from = i + 1 > e.size() ? i + 1 - e.size() : 0;
        for (std::size_t at = from; at < i + w.wrong32.size() && at + e.size() <= s.size(); ++at) {
          if (s.compare(at, e.size(), e) == 0) {
            excepted = true;
            break;
          }
        }
        if (excepted) break;
      }
      if (excepted) continue;
      if (best == nullptr || w.wrong32.size() > best->wrong32.size()) best = &w;
    }
    if (best != nullptr) {
      hits.push_back({i, best});
      i += best->wrong32.size() - 1;
    }
  }
  return hits;
}

}  // namespace paiban
