-- expect: error
-- message: xpcall
-- xpcall 的消息处理函数运行时不计指令：在处理函数里做死循环。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  xpcall(error, function () while true do end end)
  return base()
end)
