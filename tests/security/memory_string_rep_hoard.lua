-- expect: limit
-- 每个 1 MiB 的字符串都留着不放。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  local keep = {}
  for i = 1, 1000 do
    keep[i] = string.rep(tostring(i), (1 << 20) // #tostring(i))
  end
  return base()
end)
