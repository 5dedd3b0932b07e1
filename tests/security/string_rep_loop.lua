-- expect: limit
-- 每次 1 MiB，循环做。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  while true do
    local s = string.rep("锦", 349525)
  end
end)
