# keystone.wsgi.api for Zed (keystone 22): the module Kolla-Ansible 23's uWSGI ini names
# (`module = keystone.wsgi.api:application`); the same application as /usr/bin/keystone-wsgi-public.
from keystone.server.wsgi import initialize_public_application

application = initialize_public_application()
