-- expect: limit
-- 每次重试都抛一个 1 MiB 的错误信息，level 2 让 error 给它加上"文件:行号"前缀，每次都要复制 1 MiB。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  local msg = string.rep("错", 349525)
  while true do pcall(error, msg, 2) end
end)
