-- expect: error
-- message: io
-- 想把全市低保名单直接写到本机文件里，顺便看看 /etc/passwd：io 不应存在。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  local f = io.open("/etc/passwd", "r")
  local text = f:read("a")
  f:close()
  return base():note(text:sub(1, 50))
end)
