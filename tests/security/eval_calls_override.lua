-- expect: error
-- 求值时再调用 override，给别的待遇也挂上覆盖函数。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  override "medical.assistance" (function (c, b) return eligible(99999900, "求值时挂上的") end)
  return base()
end)
