-- expect: error
-- message: os
-- 读一下宿主机的环境变量，看看有没有数据库密码。
region { code = "510104", name = "锦江区" }
override "dibao.single_person" (function (case, base)
  local secret = os.getenv("DATABASE_URL") or os.getenv("HOME")
  return base():note("环境：" .. secret)
end)
