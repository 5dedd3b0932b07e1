-- expect: error
-- message: debug
-- 先把指令预算的钩子摘掉，再慢慢算。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  debug.sethook()
  while true do end
end)
