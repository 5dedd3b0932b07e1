-- expect: error
-- message: coroutine
-- 协程：在新协程里跑死循环，看看钩子管不管得到。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  local co = coroutine.wrap(function () while true do coroutine.yield() end end)
  for i = 1, 100 do co() end
  return base()
end)
