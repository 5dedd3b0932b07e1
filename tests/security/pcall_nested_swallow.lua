-- expect: limit
-- 多层 pcall 套着，每层都想把超限错误吞掉后返回正常结果。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  local function level(n)
    if n == 0 then while true do end end
    local ok = pcall(level, n - 1)
    return ok
  end
  for i = 1, 100 do pcall(level, 50) end
  return base()
end)
