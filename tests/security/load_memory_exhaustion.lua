-- expect: load-error 加载时超出
-- 加载时就把内存吃光。
region { code = "510104", name = "锦江区" }
local t = {}
while true do t[#t + 1] = string.rep("x", 1000) .. #t end
