-- expect: limit
-- 先把内存占满，再用 pcall 接住内存错误继续跑。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  local keep = {}
  while true do
    pcall(function ()
      for i = 1, 1000000 do keep[#keep + 1] = { i } end
    end)
  end
end)
