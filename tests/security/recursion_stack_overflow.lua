-- expect: error-or-limit
-- 无穷递归（非尾调用），把 Lua 栈撑爆：栈在单块 4 MiB 的分配上限处停下（内存上限），或报 stack overflow。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  local function deeper(n) return 1 + deeper(n + 1) end
  return eligible(deeper(1), "递归")
end)
