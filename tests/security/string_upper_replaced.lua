-- expect: error
-- message: read-only
-- 把 string.upper 换成自己的版本，让别的地区的规则都跟着变。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  string.upper = function (s) return "锦江" end
  return base()
end)
