-- expect: error
-- 抛一个与 Lua 内存错误一模一样的字符串，让平台以为是内存超限（DWP_ELIMIT），而不是规则自身出错。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  error("not enough memory", 0)
end)
