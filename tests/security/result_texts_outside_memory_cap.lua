-- expect: limit
-- 理由文字被复制到求值用的 C 内存里（不受 Lua 内存上限约束）：循环新建结果，每次带 1000 字节理由，
-- 宿主进程的内存可以涨到几百 MiB，远超每个规则 64 MiB 的上限。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  local text = string.rep("x", 1000)
  while true do
    local r = eligible(1, text)
  end
end)
