// Profiles read once and kept: see prepared.h and ProfileCache (paiban.h).
#include "prepared.h"

#include <algorithm>
#include <utility>

#include "json_guard.h"

namespace paiban {

bool read_profile(std::string_view json_text, Profile& out, std::vector<Error>& errors,
                  std::vector<Diagnostic>& warnings) {
  if (auto e = check_json_limits(json_text, kProfileLimits, "profile")) {
    e->message_zh = "配置文件" + e->message_zh;
    e->message_en = "the profile: " + e->message_en;
    errors.push_back(std::move(*e));
    return false;
  }
  return parse_profile(json_text, out, errors, warnings);
}

bool prepare_profile(std::string_view json_text, PreparedProfile& out, std::vector<Error>& errors) {
  if (!read_profile(json_text, out.profile, errors, out.warnings)) return false;
  out.matcher = lint_matcher(out.profile);
  out.chrome = make_page_chrome(out.profile);
  return true;
}

ProfileCache::ProfileCache(std::size_t capacity) : impl_(std::make_unique<Impl>()) {
  impl_->capacity = std::max<std::size_t>(capacity, 1);
  impl_->entries.reserve(impl_->capacity);
}

ProfileCache::~ProfileCache() = default;

void ProfileCache::clear() {
  std::vector<Impl::Entry> gone;  // freed after the lock is let go
  std::shared_ptr<const RequestReading> request;
  const std::lock_guard<std::mutex> hold(impl_->lock);
  gone.swap(impl_->entries);
  request.swap(impl_->request);
  impl_->entries.reserve(impl_->capacity);
}

std::size_t ProfileCache::size() const {
  const std::lock_guard<std::mutex> hold(impl_->lock);
  return impl_->entries.size();
}

std::shared_ptr<const PreparedProfile> ProfileCacheAccess::find(ProfileCache& cache, std::string_view json_text) {
  ProfileCache::Impl& c = *cache.impl_;
  const std::lock_guard<std::mutex> hold(c.lock);
  for (auto it = c.entries.begin(); it != c.entries.end(); ++it) {
    if (it->text != json_text) continue;
    std::rotate(c.entries.begin(), it, it + 1);  // most recently used first
    return c.entries.front().prepared;
  }
  return nullptr;
}

void ProfileCacheAccess::keep(ProfileCache& cache, std::string_view json_text,
                              std::shared_ptr<const PreparedProfile> prepared) {
  ProfileCache::Impl& c = *cache.impl_;
  ProfileCache::Impl::Entry entry{std::string(json_text), std::move(prepared)};
  const std::lock_guard<std::mutex> hold(c.lock);
  for (const auto& e : c.entries)
    if (e.text == json_text) return;  // another call on another thread kept it meanwhile (an equal profile)
  if (c.entries.size() < c.capacity) {
    c.entries.insert(c.entries.begin(), std::move(entry));
  } else {
    std::swap(c.entries.back(), entry);  // the least recently used goes (as `entry`, once the lock is let go)
    std::rotate(c.entries.begin(), c.entries.end() - 1, c.entries.end());
  }
}

std::shared_ptr<const RequestReading> ProfileCacheAccess::find_request(ProfileCache& cache, std::string_view text) {
  ProfileCache::Impl& c = *cache.impl_;
  const std::lock_guard<std::mutex> hold(c.lock);
  if (c.request && c.request->text == text) return c.request;
  return nullptr;
}

void ProfileCacheAccess::keep_request(ProfileCache& cache, std::shared_ptr<const RequestReading> reading) {
  ProfileCache::Impl& c = *cache.impl_;
  const std::lock_guard<std::mutex> hold(c.lock);
  c.request.swap(reading);  // the one kept before goes (as `reading`, once the lock is let go)
}

}  // namespace paiban
