-- expect: limit
-- 同上，用 indeterminate(field)，字段路径写到允许的最长（100 字节）。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  local field = "child." .. string.rep("z", 94)
  while true do
    local r = indeterminate(field)
  end
end)
