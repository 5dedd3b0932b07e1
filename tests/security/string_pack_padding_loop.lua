-- expect: error-or-limit
-- string.pack 的 "c" 选项会在 C 里逐字节填充到指定长度；按参数字节计费时这里几乎不收费。
-- 不提供 string.pack（出错）或按填充的字节计费（超限）都可以，只要在时限内结束。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  while true do
    local s = string.pack("c16000000", "")
  end
end)
