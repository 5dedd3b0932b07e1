-- expect: error
-- message: rawset
-- 只读表挡得住普通赋值，挡不住 rawset 吧？
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  rawset(string, "upper", function () return "hijacked" end)
  return base()
end)
