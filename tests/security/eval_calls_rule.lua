-- expect: error
-- 求值时再声明一条本地待遇。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  rule "jinjiang.extra" { title = "额外补助", basis = "无", period = "once",
    eval = function (c, q) return eligible(99999900, "求值时声明的") end }
  return base()
end)
