-- expect: error
-- message: dofile
-- 用 dofile 执行共享目录里另一个"工具脚本"。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  dofile("/tmp/tools.lua")
  return base()
end)
