-- expect: limit
-- 预算用完时抛出的错误也用 pcall 接住，然后接着跑。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  while true do
    local ok, err = pcall(function () while true do end end)
    if not ok then
      -- 接住了，再来
    end
  end
end)
