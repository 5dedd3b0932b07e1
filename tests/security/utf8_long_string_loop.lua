-- expect: limit
-- 在 3 MiB 的中文字符串上反复跑 utf8 函数。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  local s = string.rep("锦", 349525)
  while true do
    local n = utf8.len(s)
    local cp = { utf8.codepoint(s, 1, 3000) }
    local off = utf8.offset(s, 300000)
    for _, c in utf8.codes(s) do end
  end
end)
