-- expect: error
-- message: 510104.lua
-- 抛一个表当错误对象（没有字符串信息，也没有 __tostring）；出错信息仍应写明文件和行号。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  error({ code = "JJ-001", detail = "锦江区自定义错误" })
end)
