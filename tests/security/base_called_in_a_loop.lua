-- expect: limit
-- 反复调用 base()：每次都在 C 里重算一遍省级判定、分配一个结果，却只按一两条指令计费。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  while true do
    local r = base()
  end
end)
