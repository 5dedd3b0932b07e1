-- expect: load-error 510104.lua:6
-- 语法错误：少了 end。行号应指向出错的位置。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  if case.child.serious_illness then return base()
end)
