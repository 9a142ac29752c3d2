// The native, in-process benchmark: paiban's full pipeline (paiban::format) or raw cmark
// (parse + render HTML, the same cmark sources the core links), on one input file.
//
//   paiban_bench paiban|paiban-parts|cmark FILE [RUNS] [WARMUP]
//   (WARMUP calls first, and at least 0.5 s of them when WARMUP > 0)
//   (paiban-parts: format_parts(notes, options JSON, cache) with the options the editor's worker
//   sends: the JSON of the rest, and the page, the fragment and the fixed notes apart)
//
// Prints one JSON line: {"mode", "bytes", "runs_ms": [...], "median_ms", "mb_per_s",
// "peak_heap_bytes", "output_bytes"}. MB is 10^6 bytes. Peak heap is the most memory live at
// once during one call (malloc/calloc/realloc from the core and cmark, operator new from the C++
// library) in a call after the first, counted from the moment the input is already in memory.
#include <cmark.h>
#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <new>
#include <string>
#include <vector>

#include "paiban/paiban.h"

// ---- heap accounting -------------------------------------------------------------------
// The bench links with -Wl,--wrap=malloc,... so calls from the static core and cmark come here;
// operator new/delete are replaced below and come here too.
extern "C" {
void* __real_malloc(size_t);
void* __real_calloc(size_t, size_t);
void* __real_realloc(void*, size_t);
void __real_free(void*);
}

namespace {
size_t g_live = 0;
size_t g_peak = 0;
bool g_counting = false;

void on_alloc(void* p) {
  if (!p || !g_counting) return;
  g_live += malloc_usable_size(p);
  if (g_live > g_peak) g_peak = g_live;
}
void on_free(void* p) {
  if (!p || !g_counting) return;
  const size_t n = malloc_usable_size(p);
  g_live = n > g_live ? 0 : g_live - n;
}
}  // namespace

extern "C" {
void* __wrap_malloc(size_t n) {
  void* p = __real_malloc(n);
  on_alloc(p);
  return p;
}
void* __wrap_calloc(size_t k, size_t n) {
  void* p = __real_calloc(k, n);
  on_alloc(p);
  return p;
}
void* __wrap_realloc(void* old, size_t n) {
  on_free(old);
  void* p = __real_realloc(old, n);
  on_alloc(p ? p : old);
  return p;
}
void __wrap_free(void* p) {
  on_free(p);
  __real_free(p);
}
}

void* operator new(size_t n) {
  void* p = __wrap_malloc(n ? n : 1);
  if (!p) std::abort();
  return p;
}
void* operator new[](size_t n) {
  return operator new(n);
}
void* operator new(size_t n, const std::nothrow_t&) noexcept {
  return __wrap_malloc(n ? n : 1);
}
void* operator new[](size_t n, const std::nothrow_t&) noexcept {
  return __wrap_malloc(n ? n : 1);
}
void operator delete(void* p, const std::nothrow_t&) noexcept {
  __wrap_free(p);
}
void operator delete[](void* p, const std::nothrow_t&) noexcept {
  __wrap_free(p);
}
void operator delete(void* p) noexcept {
  __wrap_free(p);
}
void operator delete[](void* p) noexcept {
  __wrap_free(p);
}
void operator delete(void* p, size_t) noexcept {
  __wrap_free(p);
}
void operator delete[](void* p, size_t) noexcept {
  __wrap_free(p);
}

// ---- the runs ----------------------------------------------------------------------------
namespace {

size_t run_once(const std::string& mode, const std::string& input) {
  if (mode == "cmark") {
    cmark_node* doc = cmark_parse_document(input.data(), input.size(), CMARK_OPT_DEFAULT);
    char* html = cmark_render_html(doc, CMARK_OPT_DEFAULT);
    const size_t n = std::char_traits<char>::length(html);
    free(html);
    cmark_node_free(doc);
    return n;
  }
  if (mode == "paiban-parts") {
    // The editor's call (what its WASM module runs for formatParts): the notes and the time
    // apart, the options as JSON, out the JSON of the rest and the page, the fragment and the
    // fixed notes.
    static paiban::ProfileCache cache;
    const paiban::FormattedParts p =
        paiban::format_parts(input, "{\"diagnostics\":\"columns\"}", cache, "2024-01-01 09:00:00");
    return p.json.size() + p.page.size() + p.fragment.size() + p.text.size();
  }
  paiban::Options options;
  options.now = "2024-01-01 09:00:00";
  const paiban::Result r = paiban::format(input, options);
  return r.page.size() + r.fragment.size();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: paiban_bench paiban|paiban-parts|cmark FILE [RUNS] [WARMUP]\n");
    return 2;
  }
  const std::string mode = argv[1];
  if (mode != "paiban" && mode != "paiban-parts" && mode != "cmark") {
    std::fprintf(stderr, "paiban_bench: unknown mode %s\n", mode.c_str());
    return 2;
  }
  std::ifstream in(argv[2], std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "paiban_bench: cannot read %s\n", argv[2]);
    return 3;
  }
  const std::string input((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const int runs = argc > 3 ? std::max(1, std::atoi(argv[3])) : 7;
  const int warmup = argc > 4 ? std::max(0, std::atoi(argv[4])) : 2;

  // one call to build what the library builds once per process (the default profile and its
  // dictionary), then one counted call for the peak heap (not timed: counting costs a little)
  size_t out_bytes = run_once(mode, input);
  g_live = 0;
  g_peak = 0;
  g_counting = true;
  out_bytes = run_once(mode, input);
  g_counting = false;
  const size_t peak = g_peak;

  // Warm-up: WARMUP calls, and with any warm-up at all at least half a second of calls (a 6 KB
  // call takes ~65 µs: two calls left the first timed ones up to twice as slow, the processor's
  // caches and predictors not yet used to the work).
  const auto warm_start = std::chrono::steady_clock::now();
  for (int i = 0;
       i < warmup || (warmup > 0 && std::chrono::steady_clock::now() - warm_start < std::chrono::milliseconds(500));
       ++i)
    out_bytes = run_once(mode, input);
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    out_bytes = run_once(mode, input);
    const auto t1 = std::chrono::steady_clock::now();
    ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
  }
  std::vector<double> sorted = ms;
  std::sort(sorted.begin(), sorted.end());
  const size_t n = sorted.size();
  const double median = n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  const double mbs = median > 0 ? static_cast<double>(input.size()) / 1e6 / (median / 1e3) : 0;

  std::printf("{\"mode\":\"%s\",\"bytes\":%zu,\"runs_ms\":[", mode.c_str(), input.size());
  for (size_t i = 0; i < ms.size(); ++i) std::printf("%s%.4f", i ? "," : "", ms[i]);
  std::printf("],\"median_ms\":%.4f,\"mb_per_s\":%.3f,\"peak_heap_bytes\":%zu,\"output_bytes\":%zu}\n", median, mbs,
              peak, out_bytes);
  return 0;
}
