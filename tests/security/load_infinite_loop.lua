-- expect: load-error 指令预算
-- 文件顶层就是死循环：加载时就该被拦下。
region { code = "510104", name = "锦江区" }
while true do end
