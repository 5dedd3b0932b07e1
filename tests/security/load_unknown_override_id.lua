-- expect: load-error 510104.lua:4
-- 覆盖一个不存在的待遇编号：应在加载时报出文件和行号。
region { code = "510104", name = "锦江区" }
override "dibao.single_persn" (function (case, base)
  return base()
end)
