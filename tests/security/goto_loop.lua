-- expect: limit
-- 用 goto 写的死循环。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  ::again::
  goto again
end)
