// The Chinese numeral digits (text::chinese_digit) and the readers that take their values from
// it: dates written in numerals (meta), heading numbers (numbering), number.zero (typography).
#include <doctest/doctest.h>

#include <string>

#include "meta.h"
#include "numbering.h"
#include "paiban/paiban.h"
#include "text.h"

namespace {

const char* const kDigits[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

/// 1 … 99 as a Chinese number: 七, 十, 十七, 二十, 二十七.
std::string chinese_number(int n) {
  std::string s;
  if (n >= 20) s += kDigits[n / 10];
  if (n >= 10) s += "十";
  if (n % 10 != 0) s += kDigits[n % 10];
  return s;
}

std::string two(int n) {
  return (n < 10 ? "0" : "") + std::to_string(n);
}

}  // namespace

TEST_CASE("chinese digit: the value of each numeral digit, -1 for anything else") {
  for (int d = 0; d < 10; ++d) {
    std::size_t i = 0;
    CHECK(paiban::text::chinese_digit(paiban::text::next(kDigits[d], i)) == d);
  }
  CHECK(paiban::text::chinese_digit(U'零') == 0);
  for (const char32_t c : {U'十', U'百', U'○', U'O', U'0', U'7', U'７', U'柒', U'年', U' '})
    CHECK(paiban::text::chinese_digit(c) == -1);
}

TEST_CASE("chinese digit: dates in numerals read as their Arabic form") {
  // Every month and day of a year whose digits take every numeral (and the zero's other forms).
  for (const char* zero : {"〇", "零", "○", "O", "0"}) {
    const std::string year = std::string("二") + zero + "二四";
    for (int month = 1; month <= 12; ++month)
      for (int day = 1; day <= 31; day += (month == 2 ? 3 : 1)) {
        const std::string text = year + "年" + chinese_number(month) + "月" + chinese_number(day) + "日";
        INFO(text);
        const auto got = paiban::parse_datetime(text);
        if (day > 29 && month == 2) continue;
        const bool real = day <= 30 || month == 1 || month == 3 || month == 5 || month == 7 || month == 8 ||
                          month == 10 || month == 12;
        if (!real) {
          CHECK_FALSE(got.has_value());
          continue;
        }
        REQUIRE(got.has_value());
        CHECK(*got == "2024-" + two(month) + "-" + two(day) + " 00:00:00");
      }
  }
  // Each digit in the year's last place.
  for (int d = 0; d < 10; ++d) {
    const auto got = paiban::parse_datetime(std::string("二〇二") + kDigits[d] + "年五月六日");
    REQUIRE(got.has_value());
    CHECK(*got == "202" + std::to_string(d) + "-05-06 00:00:00");
  }
}

TEST_CASE("chinese digit: heading numbers take 一 to 九, not 〇 or 零") {
  for (int d = 1; d < 10; ++d)
    CHECK(paiban::numbering::heading_number_level(std::string(kDigits[d]) + "、工作安排") == 2);
  for (int n = 10; n < 100; n += 7)
    CHECK(paiban::numbering::heading_number_level(chinese_number(n) + "、工作安排") == 2);
  CHECK(paiban::numbering::heading_number_level("〇、工作安排") == 0);
  CHECK(paiban::numbering::heading_number_level("零、工作安排") == 0);
}

TEST_CASE("chinese digit: number.zero writes 〇 for a zero among numeral digits") {
  paiban::Options opt;
  opt.now = "2024-05-06 09:30:00";
  for (int d = 1; d < 10; ++d) {
    const std::string year = std::string("二0") + kDigits[d] + "一年";
    const paiban::Result r = paiban::format("标题：年度总结\n\n" + year + "的工作全部完成。\n", opt);
    REQUIRE(r.ok);
    INFO(year);
    CHECK(r.text.find(std::string("二〇") + kDigits[d] + "一年") != std::string::npos);
  }
}
