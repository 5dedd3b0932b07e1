-- expect: error
-- message: getmetatable
-- 拿到字符串元表，改 __index，所有字符串方法都归我管。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  local mt = getmetatable("")
  mt.__index = { upper = function () return "hijacked" end }
  return base()
end)
