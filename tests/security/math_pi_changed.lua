-- expect: error
-- message: read-only
-- 改 math.pi / math.floor，影响全省所有用到取整的规则。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  math.pi = 3
  math.floor = function (x) return 0 end
  return base()
end)
