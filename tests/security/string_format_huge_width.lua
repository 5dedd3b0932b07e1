-- expect: error
-- message: invalid conversion
-- 超宽的格式宽度。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  local s = string.format("%099999999d", 1)
  return base()
end)
