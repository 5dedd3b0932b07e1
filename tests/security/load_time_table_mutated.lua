-- expect: error
-- message: read-only
-- 加载时建的缓存表，求值时往里写（跨案件缓存）。
region { code = "510104", name = "锦江区" }
local cache = { hits = 0, seen = {} }
override "dibao.single_person" (function (case, base)
  cache.hits = cache.hits + 1
  cache.seen[#cache.seen + 1] = case.region
  return base()
end)
