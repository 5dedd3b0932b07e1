-- expect: limit
-- tonumber 在 C 里扫描整个字符串，不计费。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  local digits = string.rep("1", 1 << 20)
  while true do
    local n = tonumber(digits)
  end
end)
