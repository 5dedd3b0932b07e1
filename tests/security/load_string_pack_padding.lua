-- expect: load-error 510104.lua
-- 加载时在 string.pack 里逐字节填充，指令预算几乎不被扣：不管是因为没有 string.pack 还是因为超限，
-- 都必须在时限内失败。
region { code = "510104", name = "锦江区" }
while true do local s = string.pack("c16000000", "") end
