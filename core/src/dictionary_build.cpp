// The cold half of the house dictionary: the built-in list and DictMatcher::build, which run
// once per profile (format() keeps the matcher in its profile cache). Apart from the matcher's
// per-call scan (dictionary.cpp) so that the WASM build can compile this part for size.
#include <algorithm>
#include <string_view>
#include <unordered_map>

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

/// One built-in entry: its wrong and right forms, which list it comes from, and its guard words
/// (separated by spaces; none for nullptr).
struct Builtin {
  const char* wrong;
  const char* right;
  bool fixed;  ///< a wrong fixed expression (kFixed), else a variant form (kVariant)
  const char* except = nullptr;
};

constexpr Builtin kBuiltin[] = {
    // 第一批异形词整理表: the non-recommended form → the recommended form.
    {"百废具兴", "百废俱兴", false},
    {"辈份", "辈分", false},
    {"本份", "本分", false},
    {"笔划", "笔画", false, "划分 划定"},
    {"必恭必敬", "毕恭毕敬", false},
    {"编者案", "编者按", false},
    {"禀承", "秉承", false},
    {"参预", "参与", false},
    {"惨澹", "惨淡", false},
    {"搀杂", "掺杂", false},
    {"搀和", "掺和", false},
    {"搀假", "掺假", false},
    {"车箱", "车厢", false},
    {"澈底", "彻底", false},
    {"成份", "成分", false, "份额 股份 份子"},
    {"筹画", "筹划", false},
    {"出谋画策", "出谋划策", false},
    {"赐与", "赐予", false},
    {"答覆", "答复", false},
    {"耽心", "担心", false},
    {"耽忧", "担忧", false},
    {"担搁", "耽搁", false},
    {"倒楣", "倒霉", false},
    {"雕敝", "凋敝", false},
    {"雕零", "凋零", false},
    {"跌交", "跌跤", false, "交易 交通 交流"},
    {"独脚戏", "独角戏", false},
    {"发人深醒", "发人深省", false},
    {"份量", "分量", false, "量化 量表"},
    {"丰富多采", "丰富多彩", false},
    {"负嵎顽抗", "负隅顽抗", false},
    {"覆信", "复信", false},
    {"干与", "干预", false, "干与不干"},
    {"告戒", "告诫", false},
    {"梗直", "耿直", false},
    {"恭惟", "恭维", false},
    {"勾划", "勾画", false, "划分 划定"},
    {"勾联", "勾连", false},
    {"孤苦零丁", "孤苦伶仃", false},
    {"光采", "光彩", false, "采集 采样 采光 采购 采用 采取"},
    {"归根结柢", "归根结底", false},
    {"规戒", "规诫", false},
    {"过份", "过分", false, "份额"},
    {"含胡", "含糊", false},
    {"喝采", "喝彩", false, "采集 采样"},
    {"哄动", "轰动", false},
    {"宏扬", "弘扬", false},
    {"红通通", "红彤彤", false},
    {"胡涂", "糊涂", false},
    {"恍忽", "恍惚", false},
    {"火伴", "伙伴", false, "伴随"},
    {"机伶", "机灵", false},
    {"激忿", "激愤", false},
    {"计画", "计划", false},
    {"记念", "纪念", false},
    {"佳宾", "嘉宾", false},
    {"驾御", "驾驭", false},
    {"架式", "架势", false},
    {"简炼", "简练", false},
    {"狡滑", "狡猾", false},
    {"精采", "精彩", false, "采集 采样 采购 采用 采取"},
    {"刻划", "刻画", false, "划分 划定 划转"},
    {"狼籍", "狼藉", false},
    {"联贯", "连贯", false},
    {"联接", "连接", false},
    {"联绵", "连绵", false},
    {"连袂", "联袂", false},
    {"留连", "流连", false},
    {"卤莽", "鲁莽", false},
    {"录象", "录像", false},
    {"马糊", "马虎", false},
    {"门坎", "门槛", false},
    {"糜费", "靡费", false},
    {"摹仿", "模仿", false},
    {"模胡", "模糊", false},
    {"摹拟", "模拟", false},
    {"磨擦", "摩擦", false},
    {"内哄", "内讧", false},
    {"凝炼", "凝练", false},
    {"钮扣", "纽扣", false},
    {"盘据", "盘踞", false},
    {"飘泊", "漂泊", false},
    {"飘流", "漂流", false},
    {"平空", "凭空", false},
    {"牵联", "牵连", false},
    {"清彻", "清澈", false, "彻底 彻查"},
    {"劝戒", "劝诫", false},
    {"人材", "人才", false, "人材料"},
    {"日蚀", "日食", false},
    {"入坐", "入座", false},
    {"色采", "色彩", false, "采集 采样 采用"},
    {"神彩", "神采", false},
    {"收伏", "收服", false},
    {"思惟", "思维", false},
    {"死心踏地", "死心塌地", false},
    {"塌实", "踏实", false},
    {"透澈", "透彻", false},
    {"图象", "图像", false},
    {"推委", "推诿", false, "委托 委员"},
    {"无庸", "毋庸", false},
    {"希罕", "稀罕", false},
    {"希奇", "稀奇", false},
    {"希少", "稀少", false},
    {"希有", "稀有", false},
    {"洗炼", "洗练", false},
    {"贤慧", "贤惠", false},
    {"像貌", "相貌", false},
    {"萧洒", "潇洒", false},
    {"小题大作", "小题大做", false},
    {"信口开合", "信口开河", false},
    {"叙言", "序言", false},
    {"训戒", "训诫", false},
    {"压韵", "押韵", false},
    {"夜消", "夜宵", false},
    {"衣著", "衣着", false},
    {"义无返顾", "义无反顾", false},
    {"赢余", "盈余", false},
    {"影象", "影像", false},
    {"余辉", "余晖", false},
    {"鱼网", "渔网", false},
    {"豫备", "预备", false},
    {"原故", "缘故", false},
    {"月蚀", "月食", false},
    {"再接再砺", "再接再厉", false},
    {"斩新", "崭新", false},
    {"帐本", "账本", false},
    {"折衷", "折中", false},
    {"直捷了当", "直截了当", false},
    {"直接了当", "直截了当", false},
    {"指手划脚", "指手画脚", false},
    {"装璜", "装潢", false},
    {"姿式", "姿势", false},
    {"子细", "仔细", false, "子细胞"},
    {"左证", "佐证", false},
    // Common wrong fixed expressions.
    {"再接再励", "再接再厉", true},
    {"按步就班", "按部就班", true},
    {"迫不急待", "迫不及待", true},
    {"一股作气", "一鼓作气", true},
    {"以身作责", "以身作则", true},
    {"默守成规", "墨守成规", true},
    {"走头无路", "走投无路", true},
    {"出奇不意", "出其不意", true},
    {"迫在眉捷", "迫在眉睫", true},
    {"世外桃园", "世外桃源", true},
    {"美仑美奂", "美轮美奂", true},
    {"重蹈复辙", "重蹈覆辙", true},
    {"一愁莫展", "一筹莫展", true},
    {"变本加利", "变本加厉", true},
    {"穿流不息", "川流不息", true},
    {"既使", "即使", true, "使用 使得"},
    {"按装", "安装", true},
    {"不径而走", "不胫而走", true},
    {"谈笑风声", "谈笑风生", true},
    {"甘败下风", "甘拜下风", true},
    {"滥芋充数", "滥竽充数", true},
    {"有持无恐", "有恃无恐", true},
    {"共商国事", "共商国是", true},
    {"蛛丝蚂迹", "蛛丝马迹", true},
    {"名符其实", "名副其实", true},
    {"兴高彩烈", "兴高采烈", true},
    {"振耳欲聋", "震耳欲聋", true},
    {"一如继往", "一如既往", true},
    {"不落巢臼", "不落窠臼", true},
    {"黄梁美梦", "黄粱美梦", true},
    {"貌和神离", "貌合神离", true},
    {"防犯", "防范", true, "犯罪"},
    {"规距", "规矩", true},
    {"部暑", "部署", true},
    {"布署", "部署", true},
    {"贯切", "贯彻", true},
    {"坚苦奋斗", "艰苦奋斗", true},
    {"淡薄名利", "淡泊名利", true},
};

}  // namespace

const std::vector<DictWord>& builtin_dictionary() {
  // Built in place (a braced list of DictWord would copy every entry once more); a table read
  // by a loop is a fraction of the code of one call per entry.
  static const std::vector<DictWord> words = [] {
    std::vector<DictWord> v;
    v.reserve(180);
    for (const Builtin& b : kBuiltin) {
      std::vector<std::string> except;
      if (b.except != nullptr) {
        const std::string_view list(b.except);
        except.reserve(static_cast<std::size_t>(std::count(list.begin(), list.end(), ' ')) + 1);
        for (std::size_t at = 0; at <= list.size();) {
          const std::size_t space = std::min(list.find(' ', at), list.size());
          except.emplace_back(list.substr(at, space - at));
          at = space + 1;
        }
      }
      v.push_back(word(b.wrong, b.right, b.fixed ? kFixed : kVariant, std::move(except)));
    }
    return v;
  }();
  return words;
}

DictMatcher DictMatcher::build(const Profile& profile, const std::vector<Mark>& also) {
  DictMatcher m;
  m.marks_.assign(0x10000, 0);
  m.pairs_.assign(0x10000 / 64, 0);
  const std::vector<DictWord>& builtin = builtin_dictionary();
  // words_ points at the built-in entries and at own_words_, which never grows past this size.
  m.own_words_.reserve(profile.dictionary.size());
  m.words_.reserve(builtin.size() + profile.dictionary.size());
  std::unordered_map<std::string_view, std::size_t> index;  // wrong form → its place in words_
  index.reserve(builtin.size() + profile.dictionary.size());
  auto add = [&](const DictWord& w) {
    if (w.wrong32.empty() || w.wrong == w.right) return;
    const auto found = index.emplace(w.wrong, m.words_.size());
    if (found.second)
      m.words_.push_back(&w);
    else
      m.words_[found.first->second] = &w;  // a later entry of the same form wins, in the first one's place
  };
  for (const DictWord& w : builtin) add(w);
  for (const DictEntry& e : profile.dictionary) {
    m.own_words_.push_back(word(e.wrong.c_str(), e.right.c_str(), e.note.c_str()));
    add(m.own_words_.back());
  }
  m.by_first_.reserve(m.words_.size());
  for (std::size_t k = 0; k < m.words_.size(); ++k) {
    const std::u32string& w = m.words_[k]->wrong32;
    const char32_t c = w[0];
    m.by_first_.push_back({c, k});
    m.marks_[c & 0xFFFF] |= kStarts;
    if (c >= '0' && c <= '9') m.digit_starts_ = true;
    if (w.size() < 2) {
      m.any_single_ = true;
    } else {
      const std::uint32_t slot = pair_slot(w[0], w[1]);
      m.pairs_[slot >> 6] |= std::uint64_t{1} << (slot & 63);
    }
  }
  std::sort(m.by_first_.begin(), m.by_first_.end());  // by first character, then in list order
  for (const Mark& x : also)
    if (x.c < 0x10000) m.marks_[x.c] = static_cast<std::uint8_t>(m.marks_[x.c] | (x.bits & 0x7F));
  return m;
}

}  // namespace paiban
