-- expect: limit
-- 一层套一层的表，套到内存用完。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  local t = {}
  while true do t = { t, t } end
end)
