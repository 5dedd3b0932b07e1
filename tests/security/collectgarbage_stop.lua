-- expect: error
-- message: collectgarbage
-- 关掉垃圾回收，让共享的 Lua 状态越吃越多。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  collectgarbage("stop")
  return base()
end)
