// placeholder replaced later in this session
