-- expect: error
-- message: string.rep
-- 一次要 1 TiB 的字符串。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  local s = string.rep("x", 1 << 40)
  return base()
end)
