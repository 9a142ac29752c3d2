// Noisy notes for tests that want many findings of every kind (test_diagnostic,
// test_compact_diagnostics).
#ifndef PAIBAN_TESTS_NOISY_NOTES_H
#define PAIBAN_TESTS_NOISY_NOTES_H

#include <random>
#include <string>

namespace paiban::testing {

/// Noisy notes: half-width marks beside Chinese, spaces, dates, doubled characters, heading
/// numbers, relative time words, house-dictionary words (each with a note of its own), links,
/// invalid bytes, meta lines.
inline std::string noisy_notes(std::mt19937& rng) {
  static const char* const pieces[] = {"会议",
                                       "指出",
                                       ",",
                                       ".",
                                       "!",
                                       "?",
                                       ":",
                                       ";",
                                       "(",
                                       ")",
                                       "\"",
                                       "'",
                                       " ",
                                       "  ",
                                       "abc",
                                       "GDP",
                                       "2024",
                                       "12",
                                       "年",
                                       "3月",
                                       "1日",
                                       "2024年13月45日",
                                       "的的",
                                       "了了",
                                       "，。",
                                       "！！",
                                       "10-20万元",
                                       "2020-2022年",
                                       "今天",
                                       "近日",
                                       "昨天",
                                       "上周",
                                       "...",
                                       "……",
                                       "\n",
                                       "\n\n",
                                       "一、",
                                       "三、",
                                       "（二）",
                                       "# ",
                                       "## ",
                                       "> ",
                                       "1. ",
                                       "- ",
                                       "**强调**",
                                       "`code`",
                                       "[链接](javascript:x)",
                                       "[好](https://a.b)",
                                       "\xFF",
                                       "\xC3",
                                       "标题：测试\n",
                                       "日期：2024-03-01\n",
                                       "作者：张三\n",
                                       "颜色：红\n",
                                       "联系人：张三",
                                       "ｗｉｄｅ１２３",
                                       "“引号",
                                       "”",
                                       "《书名",
                                       "》",
                                       "商洛市环保局",
                                       "截止目前",
                                       "做为",
                                       "部份",
                                       "商洛市环境保护局"};
  std::string s;
  const int n = 5 + static_cast<int>(rng() % 60);
  for (int k = 0; k < n; ++k) s += pieces[rng() % (sizeof pieces / sizeof pieces[0])];
  return s;
}

}  // namespace paiban::testing

#endif
