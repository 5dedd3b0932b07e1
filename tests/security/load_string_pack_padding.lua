-- expect: load-error 指令预算
-- 加载时（没有时钟期限）在 string.pack 里逐字节填充，指令预算几乎不被扣。
region { code = "510104", name = "锦江区" }
while true do local s = string.pack("c16000000", "") end
