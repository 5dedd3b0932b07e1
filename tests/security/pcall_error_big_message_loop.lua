-- expect: limit
-- 每次重试都抛一个 1 MiB 的错误信息（error 会给它加上位置前缀，要复制一遍）。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  local msg = string.rep("错", 349525)
  while true do pcall(error, msg, 1) end
end)
