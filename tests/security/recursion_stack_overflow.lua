-- expect: error
-- message: stack overflow
-- 无穷递归（非尾调用），把 Lua 栈撑爆。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  local function deeper(n) return 1 + deeper(n + 1) end
  return eligible(deeper(1), "递归")
end)
