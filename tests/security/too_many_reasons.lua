-- expect: error
-- message: too many reasons
-- 无限追加理由。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  local r = base()
  for i = 1, 1000 do r = r:note("第 " .. i .. " 条") end
  return r
end)
