-- expect: load-error 510104.lua
-- 加载时（文件顶层）就调用只能在求值时用的函数，想看看两次加载是不是一样。
region { code = "510104", name = "锦江区" }
if eligible then local r = eligible(100, "顶层") end
override "dibao.single_person" (function (case, base) return base() end)
