-- expect: error
-- message: non-closable
-- to-be-closed 变量给一个不能关闭的值。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  local handle <close> = 42
  return base()
end)
